-- AlterTable
ALTER TABLE "MessageRef" ADD COLUMN "threadId" TEXT;


-- A card's timeline reply was kept after a "|" in messageId ("<card>|<reply>"): now in its own column.
UPDATE "MessageRef"
SET "threadId" = substr("messageId", instr("messageId", '|') + 1),
    "messageId" = substr("messageId", 1, instr("messageId", '|') - 1)
WHERE instr("messageId", '|') > 0;
