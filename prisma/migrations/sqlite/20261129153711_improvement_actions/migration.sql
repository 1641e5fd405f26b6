-- CreateTable
CREATE TABLE "Improvement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "causeKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "ladderStep" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" DATETIME,
    "complaints" TEXT NOT NULL,
    "closedBy" TEXT,
    "closingNote" TEXT,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Improvement_nextStepAt_idx" ON "Improvement"("nextStepAt");

-- CreateIndex
CREATE INDEX "Improvement_status_idx" ON "Improvement"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Improvement_period_causeKey_key" ON "Improvement"("period", "causeKey");
