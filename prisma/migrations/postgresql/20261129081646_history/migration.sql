-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "formerHandlers" TEXT;

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN "earlierBreaches" INTEGER NOT NULL DEFAULT 0;
