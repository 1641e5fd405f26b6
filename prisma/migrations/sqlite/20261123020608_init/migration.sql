-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "sourceKey" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "demand" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "customerCompany" TEXT,
    "customerContact" TEXT,
    "customerRegion" TEXT NOT NULL,
    "intakeChannel" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "orderNo" TEXT,
    "productNo" TEXT,
    "qtyOrdered" INTEGER,
    "qtyShipped" INTEGER,
    "qtyAffected" INTEGER,
    "shipDate" TEXT,
    "claimMinor" BIGINT,
    "claimCurrency" TEXT,
    "department" TEXT NOT NULL,
    "handlerId" TEXT,
    "filerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "firstResponse" TEXT,
    "containment" TEXT,
    "eightD" TEXT,
    "resolution" TEXT,
    "rejection" TEXT,
    "gmDecision" TEXT,
    "satisfaction" INTEGER,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "revisitAttempts" INTEGER NOT NULL DEFAULT 0,
    "acknowledgedAt" DATETIME,
    "repliedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deadline" (
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deadline_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requiredRole" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "note" TEXT,
    CONSTRAINT "Approval_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sequence" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_number_key" ON "Complaint"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_sourceKey_key" ON "Complaint"("sourceKey");

-- CreateIndex
CREATE INDEX "Complaint_status_idx" ON "Complaint"("status");

-- CreateIndex
CREATE INDEX "Complaint_department_status_idx" ON "Complaint"("department", "status");

-- CreateIndex
CREATE INDEX "Complaint_receivedAt_idx" ON "Complaint"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_year_seq_key" ON "Complaint"("year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintEvent_complaintId_seq_key" ON "ComplaintEvent"("complaintId", "seq");

-- CreateIndex
CREATE INDEX "Deadline_nextStepAt_idx" ON "Deadline"("nextStepAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_complaintId_kind_key" ON "Deadline"("complaintId", "kind");

-- CreateIndex
CREATE INDEX "Approval_complaintId_status_idx" ON "Approval"("complaintId", "status");
