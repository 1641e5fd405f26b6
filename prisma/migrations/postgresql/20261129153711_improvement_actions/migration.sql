-- CreateTable
CREATE TABLE "Improvement" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "causeKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "ladderStep" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" TIMESTAMP(3),
    "complaints" TEXT NOT NULL,
    "closedBy" TEXT,
    "closingNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Improvement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Improvement_nextStepAt_idx" ON "Improvement"("nextStepAt");

-- CreateIndex
CREATE INDEX "Improvement_status_idx" ON "Improvement"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Improvement_period_causeKey_key" ON "Improvement"("period", "causeKey");
