-- CreateTable
CREATE TABLE "Statement" (
    "period" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "signedBy" TEXT,
    "signedAt" DATETIME
);
