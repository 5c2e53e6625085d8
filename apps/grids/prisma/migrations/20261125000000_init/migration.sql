-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DistrictLevel" AS ENUM ('CITY', 'DISTRICT');

-- CreateEnum
CREATE TYPE "Team" AS ENUM ('GRID_WORKER', 'COMMUNITY_PROCURATOR', 'SUPERVISOR', 'HEARING_OFFICER', 'PROCURATOR_ASSISTANT');

-- CreateEnum
CREATE TYPE "InformantRole" AS ENUM ('INFORMATION_OFFICER', 'PUBLICIST', 'SUPERVISOR');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'RETIRED');

-- CreateEnum
CREATE TYPE "PointsReason" AS ENUM ('CLUE_REPORTED', 'CLUE_ACCEPTED', 'CLUE_CASE_OPENED');

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
CREATE TABLE "district" (
    "code" CHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "level" "DistrictLevel" NOT NULL,
    "pilot" BOOLEAN NOT NULL DEFAULT false,
    "parent_code" CHAR(6),

    CONSTRAINT "district_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "street" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,

    CONSTRAINT "street_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "street_id" UUID NOT NULL,

    CONSTRAINT "community_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grid" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "community_id" UUID NOT NULL,
    "district_code" CHAR(6) NOT NULL,

    CONSTRAINT "grid_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "member" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "team" "Team" NOT NULL,
    "informant_roles" "InformantRole"[],
    "status" "MemberStatus" NOT NULL DEFAULT 'ACTIVE',
    "grid_code" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "phone" TEXT NOT NULL,
    "id_number" VARCHAR(18) NOT NULL,
    "joined_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "points_entry" (
    "id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "clue_id" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" "PointsReason" NOT NULL,
    "source_event_id" UUID NOT NULL,
    "credited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_roles" TEXT[],
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("seq") WHERE (published_at IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "street_code_key" ON "street"("code");

-- CreateIndex
CREATE INDEX "street_district_code_idx" ON "street"("district_code");

-- CreateIndex
CREATE UNIQUE INDEX "community_code_key" ON "community"("code");

-- CreateIndex
CREATE INDEX "community_street_id_idx" ON "community"("street_id");

-- CreateIndex
CREATE INDEX "grid_district_code_code_idx" ON "grid"("district_code", "code");

-- CreateIndex
CREATE INDEX "grid_community_id_idx" ON "grid"("community_id");

-- CreateIndex
CREATE UNIQUE INDEX "member_id_number_key" ON "member"("id_number");

-- CreateIndex
CREATE INDEX "member_grid_code_status_idx" ON "member"("grid_code", "status");

-- CreateIndex
CREATE INDEX "member_district_code_status_idx" ON "member"("district_code", "status");

-- CreateIndex
CREATE INDEX "points_entry_member_id_credited_at_idx" ON "points_entry"("member_id", "credited_at");

-- CreateIndex
CREATE UNIQUE INDEX "points_entry_member_id_clue_id_reason_key" ON "points_entry"("member_id", "clue_id", "reason");

-- CreateIndex
CREATE INDEX "audit_log_record_type_record_id_idx" ON "audit_log"("record_type", "record_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at");

-- AddForeignKey
ALTER TABLE "district" ADD CONSTRAINT "district_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "district"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "street" ADD CONSTRAINT "street_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "district"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community" ADD CONSTRAINT "community_street_id_fkey" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grid" ADD CONSTRAINT "grid_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grid" ADD CONSTRAINT "grid_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "district"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_grid_code_fkey" FOREIGN KEY ("grid_code") REFERENCES "grid"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Reference data
-- GB/T 2260 jurisdictions of the pilot city. Pilot flags are data: change them here or by SQL.
INSERT INTO "district" ("code", "name", "level", "pilot", "parent_code") VALUES
  ('610100', '西安市', 'CITY', false, NULL);
INSERT INTO "district" ("code", "name", "level", "pilot", "parent_code") VALUES
  ('610102', '新城区', 'DISTRICT', false, '610100'),
  ('610103', '碑林区', 'DISTRICT', false, '610100'),
  ('610104', '莲湖区', 'DISTRICT', false, '610100'),
  ('610111', '灞桥区', 'DISTRICT', false, '610100'),
  ('610112', '未央区', 'DISTRICT', true, '610100'),
  ('610113', '雁塔区', 'DISTRICT', true, '610100'),
  ('610114', '阎良区', 'DISTRICT', true, '610100'),
  ('610115', '临潼区', 'DISTRICT', false, '610100'),
  ('610116', '长安区', 'DISTRICT', false, '610100'),
  ('610117', '高陵区', 'DISTRICT', false, '610100'),
  ('610118', '鄠邑区', 'DISTRICT', true, '610100'),
  ('610122', '蓝田县', 'DISTRICT', false, '610100'),
  ('610124', '周至县', 'DISTRICT', false, '610100');
