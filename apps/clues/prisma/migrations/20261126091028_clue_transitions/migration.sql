-- CreateEnum
CREATE TYPE "ClueDepartment" AS ENUM ('CRIMINAL', 'CIVIL', 'ADMINISTRATIVE', 'PUBLIC_INTEREST');

-- AlterTable
ALTER TABLE "clue" ADD COLUMN     "department" "ClueDepartment";

-- AlterTable
ALTER TABLE "clue_transition" ADD COLUMN     "department" "ClueDepartment";
