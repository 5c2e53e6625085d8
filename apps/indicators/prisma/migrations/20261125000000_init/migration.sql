-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "IndicatorUnit" AS ENUM ('COUNT', 'RATE', 'DAYS');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "IndicatorScope" AS ENUM ('NATIONAL', 'REGIONAL');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('MONTH', 'QUARTER', 'YEAR');

-- CreateTable
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" "IndicatorUnit" NOT NULL,
    "direction" "IndicatorDirection" NOT NULL,
    "target" DOUBLE PRECISION,
    "scope" "IndicatorScope" NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "clue_fact" (
    "clue_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "source" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "month" CHAR(7) NOT NULL,
    "quarter" CHAR(7) NOT NULL,
    "year" CHAR(4) NOT NULL,

    CONSTRAINT "clue_fact_pkey" PRIMARY KEY ("clue_id")
);

-- CreateTable
CREATE TABLE "indicator_value" (
    "indicator_code" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "period_kind" "PeriodKind" NOT NULL,
    "period" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_value_pkey" PRIMARY KEY ("indicator_code","district_code","period_kind","period")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("seq") WHERE (published_at IS NULL);

-- CreateIndex
CREATE INDEX "clue_fact_source_district_code_month_idx" ON "clue_fact"("source", "district_code", "month");

-- CreateIndex
CREATE INDEX "clue_fact_source_district_code_quarter_idx" ON "clue_fact"("source", "district_code", "quarter");

-- CreateIndex
CREATE INDEX "clue_fact_source_district_code_year_idx" ON "clue_fact"("source", "district_code", "year");

-- CreateIndex
CREATE INDEX "indicator_value_district_code_period_kind_period_idx" ON "indicator_value"("district_code", "period_kind", "period");

-- AddForeignKey
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Reference data
-- Indicator catalogue (DOMAIN.md §4): the pilot-guide indicators the procuratorate takes part in
-- that the platform's events can measure. Targets are the pilot's defaults; change them as data.
INSERT INTO "indicator" ("code", "name", "unit", "direction", "target", "scope", "description") VALUES
  ('CLUES_FROM_GRIDS', '网格上报线索数', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'NATIONAL', 'Clues received from grid reports'),
  ('CLUE_ACCEPTANCE_RATE', '线索受理率', 'RATE', 'HIGHER_IS_BETTER', 0.6, 'NATIONAL', 'Accepted clues / decided clues'),
  ('CLUE_TO_CASE_RATE', '线索成案率', 'RATE', 'HIGHER_IS_BETTER', 0.3, 'NATIONAL', 'Clues that opened a case / accepted clues'),
  ('CLUE_DECISION_DAYS', '线索平均处理天数', 'DAYS', 'LOWER_IS_BETTER', 15, 'NATIONAL', 'Mean days from submission to acceptance or rejection'),
  ('RECOMMENDATIONS_ISSUED', '制发检察建议数', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'NATIONAL', 'Procuratorial recommendations issued'),
  ('RECOMMENDATION_REPLY_ON_TIME_RATE', '检察建议按期回复率', 'RATE', 'HIGHER_IS_BETTER', 0.95, 'NATIONAL', 'Recommendations replied to within the deadline'),
  ('RECOMMENDATION_ADOPTION_RATE', '检察建议采纳率', 'RATE', 'HIGHER_IS_BETTER', 0.9, 'NATIONAL', 'Replies adopting or partly adopting the recommendation'),
  ('RECTIFICATION_RATE', '整改落实率', 'RATE', 'HIGHER_IS_BETTER', 0.9, 'NATIONAL', 'Follow-up checks finding the matter rectified'),
  ('PROCEDURAL_REPLY_7D_RATE', '群众来信7日内程序性回复率', 'RATE', 'HIGHER_IS_BETTER', 1, 'NATIONAL', 'Petitions with a procedural reply within 7 days'),
  ('RESULT_REPLY_3M_RATE', '群众来信3个月内办理过程或结果答复率', 'RATE', 'HIGHER_IS_BETTER', 1, 'NATIONAL', 'Petitions with a progress or result reply within 3 months'),
  ('LEADERSHIP_OWNERSHIP_RATE', '首次信访领导包案率', 'RATE', 'HIGHER_IS_BETTER', 1, 'NATIONAL', 'First-time petitions of the three kinds owned by a leader'),
  ('PUBLIC_HEARINGS_HELD', '公开听证数', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'NATIONAL', 'Public hearings held'),
  ('HEARING_OPINION_ADOPTION_RATE', '听证意见采纳率', 'RATE', 'HIGHER_IS_BETTER', 0.9, 'NATIONAL', 'Concluded hearings whose majority opinion the procuratorate adopted'),
  ('INFORMANT_GRID_COVERAGE', '检察信息员网格覆盖率', 'RATE', 'HIGHER_IS_BETTER', 0.8, 'NATIONAL', 'Grids with at least one active information officer'),
  ('MEMBERS_TRAINED', '业务培训人次', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'NATIONAL', 'Members who attended a training'),
  ('GRID_PUBLIC_INTEREST_REFERRALS', '网格移送公益诉讼线索数', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'REGIONAL', 'Public-interest clues from grid reports'),
  ('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', '行政争议听证化解数', 'COUNT', 'HIGHER_IS_BETTER', NULL, 'REGIONAL', 'Administrative disputes resolved at public hearings');
