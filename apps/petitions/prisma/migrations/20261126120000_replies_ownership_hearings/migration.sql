-- CreateEnum
CREATE TYPE "ReplyKind" AS ENUM ('PROCEDURAL', 'PROGRESS', 'RESULT');

-- CreateEnum
CREATE TYPE "HearingStatus" AS ENUM ('SCHEDULED', 'HELD', 'CONCLUDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "HearingOpinion" AS ENUM ('SUPPORT', 'OPPOSE', 'ABSTAIN');

-- CreateEnum
CREATE TYPE "ExternalOfficerKind" AS ENUM ('PEOPLES_CONGRESS_DEPUTY', 'CPPCC_MEMBER', 'LAWYER', 'NOTARY', 'LEGAL_AID_WORKER', 'GRASSROOTS_LEGAL_SERVICE_WORKER', 'JUDICIAL_APPRAISER', 'PEOPLES_SUPERVISOR');

-- AlterTable
ALTER TABLE "petition" ADD COLUMN     "handler_subject" TEXT,
ADD COLUMN     "next_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "owner_assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "owner_name" TEXT,
ADD COLUMN     "owner_subject" TEXT,
ADD COLUMN     "petitioner_id_number_cipher" TEXT,
ADD COLUMN     "petitioner_id_number_hash" TEXT,
ADD COLUMN     "petitioner_member_id" UUID,
ADD COLUMN     "petitioner_phone_cipher" TEXT,
ADD COLUMN     "procedural_overdue_at" TIMESTAMPTZ(3),
ADD COLUMN     "procedural_replied_at" TIMESTAMPTZ(3),
ADD COLUMN     "referral_id" UUID,
ADD COLUMN     "referred_at" TIMESTAMPTZ(3),
ADD COLUMN     "result_overdue_at" TIMESTAMPTZ(3),
ADD COLUMN     "result_replied_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "petition_reply" (
    "id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "kind" "ReplyKind" NOT NULL,
    "text" TEXT NOT NULL,
    "author_subject" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "replied_at" TIMESTAMPTZ(3) NOT NULL,
    "on_time" BOOLEAN NOT NULL,

    CONSTRAINT "petition_reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petition_transition" (
    "id" BIGSERIAL NOT NULL,
    "petition_id" UUID NOT NULL,
    "from" "PetitionStatus",
    "to" "PetitionStatus" NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "petition_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petition_owner_change" (
    "id" BIGSERIAL NOT NULL,
    "petition_id" UUID NOT NULL,
    "owner_subject" TEXT NOT NULL,
    "owner_name" TEXT NOT NULL,
    "assigned_by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "petition_owner_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hearing" (
    "id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "subject" TEXT NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "venue" TEXT NOT NULL,
    "status" "HearingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "held_at" TIMESTAMPTZ(3),
    "concluded_at" TIMESTAMPTZ(3),
    "majority_opinion" "HearingOpinion",
    "adopted" BOOLEAN,
    "administrative_dispute_resolved" BOOLEAN,
    "conclusion" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,

    CONSTRAINT "hearing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hearing_panelist" (
    "id" UUID NOT NULL,
    "hearing_id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "member_id" UUID,
    "external_kind" "ExternalOfficerKind",
    "external_name" TEXT,
    "external_id_number_hash" TEXT,
    "officer_key" TEXT NOT NULL,
    "opinion" "HearingOpinion",
    "opinion_text" TEXT,
    "opinion_at" TIMESTAMPTZ(3),

    CONSTRAINT "hearing_panelist_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "petition_reply_petition_id_replied_at_idx" ON "petition_reply"("petition_id", "replied_at");

-- CreateIndex
CREATE INDEX "petition_transition_petition_id_at_idx" ON "petition_transition"("petition_id", "at");

-- CreateIndex
CREATE INDEX "petition_owner_change_petition_id_at_idx" ON "petition_owner_change"("petition_id", "at");

-- CreateIndex
CREATE INDEX "hearing_district_code_scheduled_for_id_idx" ON "hearing"("district_code", "scheduled_for", "id");

-- CreateIndex
CREATE INDEX "hearing_petition_id_idx" ON "hearing"("petition_id");

-- CreateIndex
CREATE INDEX "hearing_panelist_petition_id_officer_key_idx" ON "hearing_panelist"("petition_id", "officer_key");

-- CreateIndex
CREATE INDEX "hearing_panelist_member_id_idx" ON "hearing_panelist"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "hearing_panelist_hearing_id_officer_key_key" ON "hearing_panelist"("hearing_id", "officer_key");

-- CreateIndex
CREATE UNIQUE INDEX "petition_referral_id_key" ON "petition"("referral_id");

-- CreateIndex
CREATE INDEX "petition_district_code_next_due_at_id_idx" ON "petition"("district_code", "next_due_at", "id");

-- CreateIndex
CREATE INDEX "petition_handler_subject_next_due_at_id_idx" ON "petition"("handler_subject", "next_due_at", "id");

-- CreateIndex
CREATE INDEX "petition_petitioner_id_number_hash_idx" ON "petition"("petitioner_id_number_hash");

-- AddForeignKey
ALTER TABLE "petition_reply" ADD CONSTRAINT "petition_reply_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "petition_transition" ADD CONSTRAINT "petition_transition_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "petition_owner_change" ADD CONSTRAINT "petition_owner_change_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hearing" ADD CONSTRAINT "hearing_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hearing_panelist" ADD CONSTRAINT "hearing_panelist_hearing_id_fkey" FOREIGN KEY ("hearing_id") REFERENCES "hearing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Petitions of the first release: their nearest open deadline is the procedural one.
UPDATE "petition" SET "next_due_at" = "procedural_reply_due_at" WHERE "next_due_at" IS NULL AND "status" IN ('RECEIVED');
UPDATE "petition" SET "next_due_at" = "result_reply_due_at" WHERE "next_due_at" IS NULL AND "status" IN ('ACKNOWLEDGED', 'IN_PROGRESS');
