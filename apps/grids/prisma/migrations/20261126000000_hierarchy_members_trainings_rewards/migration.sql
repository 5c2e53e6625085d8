-- CreateEnum
CREATE TYPE "UnitLevel" AS ENUM ('STREET', 'COMMUNITY', 'GRID');

-- CreateEnum
CREATE TYPE "HearingOfficerKind" AS ENUM ('PEOPLES_CONGRESS_DEPUTY', 'CPPCC_MEMBER', 'LAWYER', 'NOTARY', 'LEGAL_AID_WORKER', 'GRASSROOTS_LEGAL_SERVICE_WORKER', 'JUDICIAL_APPRAISER', 'PEOPLES_SUPERVISOR');

-- AlterEnum
ALTER TYPE "PointsReason" ADD VALUE 'MANUAL_ADJUSTMENT';

-- DropIndex
DROP INDEX "community_street_id_idx";

-- DropIndex
DROP INDEX "grid_community_id_idx";

-- DropIndex
DROP INDEX "street_district_code_idx";

-- AlterTable
-- Added nullable, filled from the street, then required: works on a database with communities in it.
ALTER TABLE "community" ADD COLUMN     "district_code" CHAR(6),
ADD COLUMN     "retired_at" TIMESTAMPTZ(3);
UPDATE "community" c SET "district_code" = s."district_code" FROM "street" s WHERE s."id" = c."street_id";
ALTER TABLE "community" ALTER COLUMN "district_code" SET NOT NULL;

-- AlterTable
ALTER TABLE "grid" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "member" ADD COLUMN     "hearing_officer_kind" "HearingOfficerKind",
ADD COLUMN     "id_number_cipher" TEXT,
ADD COLUMN     "id_number_hash" TEXT,
ADD COLUMN     "phone_cipher" TEXT,
ADD COLUMN     "status_reason" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "phone" DROP NOT NULL,
ALTER COLUMN "id_number" DROP NOT NULL;

-- AlterTable
ALTER TABLE "points_entry" ADD COLUMN     "adjusted_by" TEXT,
ADD COLUMN     "clue_district_code" CHAR(6),
ADD COLUMN     "note" TEXT,
ALTER COLUMN "clue_id" DROP NOT NULL,
ALTER COLUMN "source_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "street" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "unit_code" (
    "code" TEXT NOT NULL,
    "level" "UnitLevel" NOT NULL,

    CONSTRAINT "unit_code_pkey" PRIMARY KEY ("code")
);

-- Existing units claim their codes.
INSERT INTO "unit_code" ("code", "level") SELECT "code", 'STREET' FROM "street" ON CONFLICT DO NOTHING;
INSERT INTO "unit_code" ("code", "level") SELECT "code", 'COMMUNITY' FROM "community" ON CONFLICT DO NOTHING;
INSERT INTO "unit_code" ("code", "level") SELECT "code", 'GRID' FROM "grid" ON CONFLICT DO NOTHING;

-- CreateTable
CREATE TABLE "points_rule" (
    "district_code" CHAR(6) NOT NULL,
    "reason" "PointsReason" NOT NULL,
    "points" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_rule_pkey" PRIMARY KEY ("district_code","reason")
);

-- CreateTable
CREATE TABLE "training" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "held_on" DATE NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance" (
    "training_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_attendance_pkey" PRIMARY KEY ("training_id","member_id")
);

-- CreateIndex
CREATE INDEX "training_district_code_held_on_id_idx" ON "training"("district_code", "held_on", "id");

-- CreateIndex
CREATE INDEX "training_attendance_member_id_training_id_idx" ON "training_attendance"("member_id", "training_id");

-- CreateIndex
CREATE INDEX "community_street_id_code_idx" ON "community"("street_id", "code");

-- CreateIndex
CREATE INDEX "community_district_code_code_idx" ON "community"("district_code", "code");

-- CreateIndex
CREATE INDEX "grid_community_id_code_idx" ON "grid"("community_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "member_id_number_hash_key" ON "member"("id_number_hash");

-- CreateIndex
CREATE INDEX "member_district_code_name_id_idx" ON "member"("district_code", "name", "id");

-- CreateIndex
CREATE INDEX "member_team_district_code_idx" ON "member"("team", "district_code");

-- CreateIndex
CREATE INDEX "street_district_code_code_idx" ON "street"("district_code", "code");

-- AddForeignKey
ALTER TABLE "community" ADD CONSTRAINT "community_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "district"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "points_rule" ADD CONSTRAINT "points_rule_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "district"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training" ADD CONSTRAINT "training_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "district"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_training_id_fkey" FOREIGN KEY ("training_id") REFERENCES "training"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

