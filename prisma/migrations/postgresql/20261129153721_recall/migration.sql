-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "recall" TEXT;
