-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "gmEscalations" TEXT,
ADD COLUMN     "safety" BOOLEAN;
