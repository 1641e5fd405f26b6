-- CreateTable
CREATE TABLE "Statement" (
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "signedBy" TEXT,
    "signedAt" TIMESTAMP(3),

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("period")
);
