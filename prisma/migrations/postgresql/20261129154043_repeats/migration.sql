-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "repeats" TEXT;

-- CreateTable
CREATE TABLE "RepeatKey" (
    "complaintId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "productKey" TEXT,
    "category" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepeatKey_pkey" PRIMARY KEY ("complaintId")
);

-- CreateIndex
CREATE INDEX "RepeatKey_customerKey_receivedAt_idx" ON "RepeatKey"("customerKey", "receivedAt");

-- CreateIndex
CREATE INDEX "RepeatKey_productKey_receivedAt_idx" ON "RepeatKey"("productKey", "receivedAt");

-- CreateIndex
CREATE INDEX "RepeatKey_category_receivedAt_idx" ON "RepeatKey"("category", "receivedAt");
