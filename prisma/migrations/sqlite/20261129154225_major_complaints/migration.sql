-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "gmEscalations" TEXT;
ALTER TABLE "Complaint" ADD COLUMN "safety" BOOLEAN;
