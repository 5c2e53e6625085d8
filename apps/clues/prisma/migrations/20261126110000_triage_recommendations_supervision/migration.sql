-- Trigram similarity for possible duplicates (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- CreateEnum
CREATE TYPE "RiskFactor" AS ENUM ('MILITARY', 'MASS', 'WOMEN_CHILDREN', 'PETITION');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "RecommendationKind" AS ENUM ('SOCIAL_GOVERNANCE', 'CORRECTION_OF_VIOLATION', 'PUBLIC_INTEREST_PRE_LITIGATION', 'RETRIAL');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('ISSUED', 'OVERDUE', 'REPLIED', 'RECTIFIED', 'NOT_RECTIFIED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "ReplyAdoption" AS ENUM ('ADOPTED', 'PARTLY_ADOPTED', 'NOT_ADOPTED');

-- AlterTable
ALTER TABLE "clue" ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "handling_plan" TEXT,
ADD COLUMN     "origin_ref" TEXT,
ADD COLUMN     "risk_assessed_at" TIMESTAMPTZ(3),
ADD COLUMN     "risk_assessed_by" TEXT,
ADD COLUMN     "risk_factors" "RiskFactor"[],
ADD COLUMN     "risk_level" "RiskLevel";

-- CreateTable
CREATE TABLE "clue_attachment" (
    "id" UUID NOT NULL,
    "clue_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "media_type" TEXT NOT NULL,

    CONSTRAINT "clue_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clue_duplicate" (
    "clue_id" UUID NOT NULL,
    "duplicate_of_id" UUID NOT NULL,
    "similarity" REAL NOT NULL,
    "flagged_at" TIMESTAMPTZ(3) NOT NULL,
    "dismissed_by" TEXT,
    "dismissed_at" TIMESTAMPTZ(3),

    CONSTRAINT "clue_duplicate_pkey" PRIMARY KEY ("clue_id","duplicate_of_id")
);

-- CreateTable
CREATE TABLE "recommendation" (
    "id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "document_number" TEXT NOT NULL,
    "kind" "RecommendationKind" NOT NULL,
    "agency_name" TEXT NOT NULL,
    "agency_kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "series_tag" INTEGER,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'ISSUED',
    "issued_by" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "reply_due_on" DATE NOT NULL,
    "overdue_at" TIMESTAMPTZ(3),
    "replied_at" TIMESTAMPTZ(3),
    "reply_adoption" "ReplyAdoption",
    "reply_text" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "check_note" TEXT,
    "escalated_at" TIMESTAMPTZ(3),
    "escalation_note" TEXT,

    CONSTRAINT "recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recommendation_number_counter" (
    "district_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "recommendation_number_counter_pkey" PRIMARY KEY ("district_code","year")
);

-- CreateTable
CREATE TABLE "recommendation_clue" (
    "recommendation_id" UUID NOT NULL,
    "clue_id" UUID NOT NULL,

    CONSTRAINT "recommendation_clue_pkey" PRIMARY KEY ("recommendation_id","clue_id")
);

-- CreateTable
CREATE TABLE "recommendation_transition" (
    "id" BIGSERIAL NOT NULL,
    "recommendation_id" UUID NOT NULL,
    "from" "RecommendationStatus",
    "to" "RecommendationStatus" NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recommendation_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervised_person" (
    "person_id" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "judgment_effective_on" DATE,
    "enrolled_on" DATE,
    "reported_in_on" DATE,
    "check_ins" INTEGER NOT NULL DEFAULT 0,
    "missed_check_ins" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "education_sessions" INTEGER NOT NULL DEFAULT 0,
    "released_on" DATE,
    "release_announced" BOOLEAN,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "supervised_person_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "supervision_event" (
    "id" BIGSERIAL NOT NULL,
    "person_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_on" DATE NOT NULL,
    "detail" JSONB,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "clue_id" UUID,

    CONSTRAINT "supervision_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clue_attachment_clue_id_idx" ON "clue_attachment"("clue_id");

-- CreateIndex
CREATE INDEX "clue_duplicate_duplicate_of_id_idx" ON "clue_duplicate"("duplicate_of_id");

-- CreateIndex
CREATE UNIQUE INDEX "recommendation_document_number_key" ON "recommendation"("document_number");

-- CreateIndex
CREATE INDEX "recommendation_district_code_issued_at_id_idx" ON "recommendation"("district_code", "issued_at" DESC, "id");

-- CreateIndex
CREATE INDEX "recommendation_status_reply_due_on_idx" ON "recommendation"("status", "reply_due_on");

-- CreateIndex
CREATE INDEX "recommendation_district_code_status_reply_due_on_idx" ON "recommendation"("district_code", "status", "reply_due_on");

-- CreateIndex
CREATE UNIQUE INDEX "recommendation_district_code_year_seq_key" ON "recommendation"("district_code", "year", "seq");

-- CreateIndex
CREATE INDEX "recommendation_clue_clue_id_idx" ON "recommendation_clue"("clue_id");

-- CreateIndex
CREATE INDEX "recommendation_transition_recommendation_id_at_idx" ON "recommendation_transition"("recommendation_id", "at");

-- CreateIndex
CREATE INDEX "supervised_person_district_code_person_id_idx" ON "supervised_person"("district_code", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "supervision_event_event_id_key" ON "supervision_event"("event_id");

-- CreateIndex
CREATE INDEX "supervision_event_person_id_occurred_on_id_idx" ON "supervision_event"("person_id", "occurred_on", "id");

-- CreateIndex
CREATE UNIQUE INDEX "clue_origin_ref_key" ON "clue"("origin_ref");

-- CreateIndex
CREATE INDEX "clue_title_trgm_idx" ON "clue" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "clue_district_code_department_status_idx" ON "clue"("district_code", "department", "status");

-- CreateIndex
CREATE INDEX "clue_district_code_risk_level_idx" ON "clue"("district_code", "risk_level");

-- AddForeignKey
ALTER TABLE "clue_attachment" ADD CONSTRAINT "clue_attachment_clue_id_fkey" FOREIGN KEY ("clue_id") REFERENCES "clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clue_duplicate" ADD CONSTRAINT "clue_duplicate_clue_id_fkey" FOREIGN KEY ("clue_id") REFERENCES "clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clue_duplicate" ADD CONSTRAINT "clue_duplicate_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_clue" ADD CONSTRAINT "recommendation_clue_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_clue" ADD CONSTRAINT "recommendation_clue_clue_id_fkey" FOREIGN KEY ("clue_id") REFERENCES "clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_transition" ADD CONSTRAINT "recommendation_transition_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_event" ADD CONSTRAINT "supervision_event_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "supervised_person"("person_id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Clues already decided by the previous release get their decision time from their history.
UPDATE "clue" c SET "decided_at" = t.at FROM (SELECT "clue_id", max("at") AS at FROM "clue_transition" GROUP BY "clue_id") t
  WHERE t."clue_id" = c."id" AND c."status" IN ('REJECTED', 'CASE_OPENED', 'CLOSED_NO_ACTION');
