-- DropIndex
DROP INDEX "clue_fact_source_district_code_month_idx";

-- DropIndex
DROP INDEX "clue_fact_source_district_code_quarter_idx";

-- DropIndex
DROP INDEX "clue_fact_source_district_code_year_idx";

-- AlterTable
ALTER TABLE "clue_fact" DROP COLUMN "month",
DROP COLUMN "quarter",
DROP COLUMN "year",
ADD COLUMN     "case_opened_at" TIMESTAMPTZ(3),
ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "decision" TEXT,
ALTER COLUMN "source" DROP NOT NULL,
ALTER COLUMN "category" DROP NOT NULL,
ALTER COLUMN "submitted_at" DROP NOT NULL;

-- AlterTable
ALTER TABLE "indicator" ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updated_by" TEXT;

-- AlterTable
-- Hand-edited: the values so far are counts (numerator = value, no denominator).
ALTER TABLE "indicator_value" ADD COLUMN     "denominator" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "numerator" DOUBLE PRECISION NOT NULL DEFAULT 0,
ALTER COLUMN "value" DROP NOT NULL;
UPDATE "indicator_value" SET "numerator" = "value";
ALTER TABLE "indicator_value" ALTER COLUMN "denominator" DROP DEFAULT, ALTER COLUMN "numerator" DROP DEFAULT;

-- CreateTable
CREATE TABLE "recommendation_fact" (
    "recommendation_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "document_number" TEXT NOT NULL,
    "agency_name" TEXT NOT NULL,
    "reply_due_on" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ(3),
    "overdue_at" TIMESTAMPTZ(3),
    "replied_at" TIMESTAMPTZ(3),
    "replied_on_time" BOOLEAN,
    "adoption" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "rectified" BOOLEAN,
    "escalated_at" TIMESTAMPTZ(3),

    CONSTRAINT "recommendation_fact_pkey" PRIMARY KEY ("recommendation_id")
);

-- CreateTable
CREATE TABLE "grid_fact" (
    "grid_code" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "grid_fact_pkey" PRIMARY KEY ("grid_code")
);

-- CreateTable
CREATE TABLE "member_fact" (
    "member_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "grid_code" TEXT NOT NULL,
    "informant" BOOLEAN NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_fact_pkey" PRIMARY KEY ("member_id")
);

-- CreateTable
CREATE TABLE "informant_span" (
    "id" BIGSERIAL NOT NULL,
    "member_id" UUID NOT NULL,
    "grid_code" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3),

    CONSTRAINT "informant_span_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance_fact" (
    "member_id" UUID NOT NULL,
    "training_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "held_on" DATE NOT NULL,

    CONSTRAINT "training_attendance_fact_pkey" PRIMARY KEY ("member_id","training_id")
);

-- CreateTable
CREATE TABLE "petition_fact" (
    "petition_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "category" TEXT,
    "first_time" BOOLEAN,
    "received_at" TIMESTAMPTZ(3),
    "procedural_reply_due_at" TIMESTAMPTZ(3),
    "result_reply_due_at" TIMESTAMPTZ(3),
    "procedural_replied_at" TIMESTAMPTZ(3),
    "procedural_on_time" BOOLEAN,
    "procedural_missed_at" TIMESTAMPTZ(3),
    "result_replied_at" TIMESTAMPTZ(3),
    "result_on_time" BOOLEAN,
    "result_missed_at" TIMESTAMPTZ(3),
    "owner_assigned_at" TIMESTAMPTZ(3),

    CONSTRAINT "petition_fact_pkey" PRIMARY KEY ("petition_id")
);

-- CreateTable
CREATE TABLE "hearing_fact" (
    "hearing_id" UUID NOT NULL,
    "petition_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "held_at" TIMESTAMPTZ(3),
    "concluded_at" TIMESTAMPTZ(3),
    "opinion_adopted" BOOLEAN,
    "administrative_dispute_resolved" BOOLEAN,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "hearing_fact_pkey" PRIMARY KEY ("hearing_id")
);

-- CreateTable
CREATE TABLE "indicator_alert" (
    "indicator_code" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "period_kind" "PeriodKind" NOT NULL,
    "period" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "indicator_alert_pkey" PRIMARY KEY ("indicator_code","district_code","period_kind","period")
);

-- CreateIndex
CREATE INDEX "recommendation_fact_district_code_reply_due_on_idx" ON "recommendation_fact"("district_code", "reply_due_on");

-- CreateIndex
CREATE INDEX "grid_fact_district_code_idx" ON "grid_fact"("district_code");

-- CreateIndex
CREATE INDEX "informant_span_member_id_to_idx" ON "informant_span"("member_id", "to");

-- CreateIndex
CREATE INDEX "informant_span_district_code_grid_code_idx" ON "informant_span"("district_code", "grid_code");

-- CreateIndex
CREATE INDEX "training_attendance_fact_district_code_held_on_idx" ON "training_attendance_fact"("district_code", "held_on");

-- CreateIndex
CREATE INDEX "petition_fact_district_code_received_at_idx" ON "petition_fact"("district_code", "received_at");

-- CreateIndex
CREATE INDEX "hearing_fact_district_code_held_at_idx" ON "hearing_fact"("district_code", "held_at");

-- CreateIndex
CREATE INDEX "indicator_alert_district_code_raised_at_idx" ON "indicator_alert"("district_code", "raised_at");

-- CreateIndex
CREATE INDEX "clue_fact_district_code_submitted_at_idx" ON "clue_fact"("district_code", "submitted_at");

-- CreateIndex
CREATE INDEX "clue_fact_district_code_decided_at_idx" ON "clue_fact"("district_code", "decided_at");

-- CreateIndex
CREATE INDEX "indicator_value_indicator_code_period_kind_period_idx" ON "indicator_value"("indicator_code", "period_kind", "period");

-- AddForeignKey
ALTER TABLE "indicator_alert" ADD CONSTRAINT "indicator_alert_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the calendar periods (China Standard Time) an instant or a China date belongs to,
-- for the recounts that prove the incrementally kept values (apps/indicators/src/persistence/recount).
CREATE FUNCTION china_periods(at timestamptz) RETURNS TABLE (period_kind "PeriodKind", period text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k.kind::"PeriodKind",
         CASE k.kind
           WHEN 'MONTH' THEN to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
           WHEN 'QUARTER' THEN to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q')
           ELSE to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY')
         END
  FROM (VALUES ('MONTH'), ('QUARTER'), ('YEAR')) AS k(kind)
  WHERE at IS NOT NULL
$$;

CREATE FUNCTION china_periods(on_date date) RETURNS TABLE (period_kind "PeriodKind", period text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k.kind::"PeriodKind",
         CASE k.kind
           WHEN 'MONTH' THEN to_char(on_date, 'YYYY-MM')
           WHEN 'QUARTER' THEN to_char(on_date, 'YYYY-"Q"Q')
           ELSE to_char(on_date, 'YYYY')
         END
  FROM (VALUES ('MONTH'), ('QUARTER'), ('YEAR')) AS k(kind)
  WHERE on_date IS NOT NULL
$$;

-- Hand-written: say exactly what each seeded indicator counts (the report prints it).
UPDATE "indicator" SET "description" = d.description FROM (VALUES
  ('CLUES_FROM_GRIDS', 'Clues reported from grids (source GRID_REPORT), by month of submission'),
  ('CLUE_ACCEPTANCE_RATE', 'Clues accepted / clues accepted or rejected, by month of the decision'),
  ('CLUE_TO_CASE_RATE', 'Accepted clues on which a case was opened / accepted clues, by month of acceptance'),
  ('CLUE_DECISION_DAYS', 'Mean days from submission to acceptance or rejection, by month of the decision'),
  ('RECOMMENDATIONS_ISSUED', 'Procuratorial recommendations issued, by month of issue'),
  ('RECOMMENDATION_REPLY_ON_TIME_RATE', 'Recommendations replied to by their due date / recommendations replied to or overdue, by month of the due date'),
  ('RECOMMENDATION_ADOPTION_RATE', 'Replies adopting or partly adopting the recommendation / replies, by month of the reply'),
  ('RECTIFICATION_RATE', 'Follow-up checks finding the matter rectified / follow-up checks, by month of the check'),
  ('PROCEDURAL_REPLY_7D_RATE', 'Petitions with a procedural reply by the 7-day deadline / petitions replied to or past it, by month of receipt'),
  ('RESULT_REPLY_3M_RATE', 'Petitions with a progress or result reply by the 3-month deadline / petitions replied to or past it, by month of receipt'),
  ('LEADERSHIP_OWNERSHIP_RATE', 'First-time petitions of the three leadership-owned kinds with a leader owner / such petitions, by month of receipt'),
  ('PUBLIC_HEARINGS_HELD', 'Public hearings held, by month held'),
  ('HEARING_OPINION_ADOPTION_RATE', 'Concluded hearings whose majority opinion the procuratorate adopted / concluded hearings, by month concluded'),
  ('INFORMANT_GRID_COVERAGE', 'Grids with an active information officer / grids, at the end of the period (now, for the current one)'),
  ('MEMBERS_TRAINED', 'Training attendances of members (人次), by the training''s date'),
  ('GRID_PUBLIC_INTEREST_REFERRALS', 'Public-interest clues reported from grids, by month of submission'),
  ('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', 'Concluded hearings that resolved an administrative dispute, by month concluded')
) AS d(code, description) WHERE "indicator"."code" = d.code;
