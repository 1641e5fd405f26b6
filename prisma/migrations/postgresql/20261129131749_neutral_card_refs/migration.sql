-- AlterTable
ALTER TABLE "MessageRef" ADD COLUMN "threadId" TEXT;

-- A card's timeline reply was kept after a "|" in messageId ("<card>|<reply>"): now in its own column.
UPDATE "MessageRef"
SET "threadId" = split_part("messageId", '|', 2),
    "messageId" = split_part("messageId", '|', 1)
WHERE position('|' in "messageId") > 0;
