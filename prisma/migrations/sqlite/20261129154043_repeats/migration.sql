-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "repeats" TEXT;

-- CreateTable
CREATE TABLE "RepeatKey" (
    "complaintId" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "productKey" TEXT,
    "category" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RepeatKey_customerKey_receivedAt_idx" ON "RepeatKey"("customerKey", "receivedAt");

-- CreateIndex
CREATE INDEX "RepeatKey_productKey_receivedAt_idx" ON "RepeatKey"("productKey", "receivedAt");

-- CreateIndex
CREATE INDEX "RepeatKey_category_receivedAt_idx" ON "RepeatKey"("category", "receivedAt");
