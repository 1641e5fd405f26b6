-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "formerHandlers" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "metAt" DATETIME,
    "breachedAt" DATETIME,
    "cancelledAt" DATETIME,
    "ladderStep" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" DATETIME,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "earlierBreaches" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deadline_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deadline" ("breachedAt", "cancelledAt", "complaintId", "dueAt", "extensions", "id", "kind", "ladderStep", "metAt", "nextStepAt", "startsAt", "updatedAt") SELECT "breachedAt", "cancelledAt", "complaintId", "dueAt", "extensions", "id", "kind", "ladderStep", "metAt", "nextStepAt", "startsAt", "updatedAt" FROM "Deadline";
DROP TABLE "Deadline";
ALTER TABLE "new_Deadline" RENAME TO "Deadline";
CREATE INDEX "Deadline_nextStepAt_idx" ON "Deadline"("nextStepAt");
CREATE UNIQUE INDEX "Deadline_complaintId_kind_key" ON "Deadline"("complaintId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
