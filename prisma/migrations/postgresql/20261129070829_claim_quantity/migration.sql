-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "claimQuantity" INTEGER;
