-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL,
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
    "acknowledgedAt" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "metAt" TIMESTAMP(3),
    "breachedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "ladderStep" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" TIMESTAMP(3),
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requiredRole" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sequence" (
    "scope" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("scope")
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

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
