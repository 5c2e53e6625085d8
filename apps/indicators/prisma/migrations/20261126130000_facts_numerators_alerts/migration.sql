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
  ('CLUES_FROM_GRIDS', '网格上报（来源为网格上报）的线索数，按提交月份统计'),
  ('CLUE_ACCEPTANCE_RATE', '受理线索数 / 作出受理或不予受理决定的线索数，按决定月份统计'),
  ('CLUE_TO_CASE_RATE', '已立案的受理线索数 / 受理线索数，按受理月份统计'),
  ('CLUE_DECISION_DAYS', '线索自提交至受理或不予受理的平均天数，按决定月份统计'),
  ('RECOMMENDATIONS_ISSUED', '制发的检察建议数，按制发月份统计'),
  ('RECOMMENDATION_REPLY_ON_TIME_RATE', '按期回复数 / 回复数与逾期未复数之和，按回复月份（未复者按逾期公告月份）统计'),
  ('RECOMMENDATION_ADOPTION_RATE', '采纳或部分采纳的回复数 / 回复数，按回复月份统计'),
  ('RECTIFICATION_RATE', '回头看认定已整改的数量 / 回头看数量，按回头看月份统计'),
  ('PROCEDURAL_REPLY_7D_RATE', '7日内作出程序性回复的来信数 / 已回复或已超期的来信数，按收信月份统计'),
  ('RESULT_REPLY_3M_RATE', '3个月内答复办理过程或结果的来信数 / 已答复或已超期的来信数，按收信月份统计'),
  ('LEADERSHIP_OWNERSHIP_RATE', '已由院领导包案的首次三类信访数 / 首次三类信访数，按收信月份统计'),
  ('PUBLIC_HEARINGS_HELD', '举行的公开听证数，按举行月份统计'),
  ('HEARING_OPINION_ADOPTION_RATE', '采纳听证员多数意见的已结束听证数 / 已结束听证数，按结束月份统计'),
  ('INFORMANT_GRID_COVERAGE', '有在岗检察信息员的网格数 / 网格数，以期末（当期为当前）状态计'),
  ('MEMBERS_TRAINED', '网格成员参加业务培训人次，按培训日期统计'),
  ('GRID_PUBLIC_INTEREST_REFERRALS', '网格上报的公益诉讼类线索数，按提交月份统计'),
  ('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', '经听证化解行政争议的已结束听证数，按结束月份统计')
) AS d(code, description) WHERE "indicator"."code" = d.code;
