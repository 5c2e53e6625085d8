-- Why a unit was retired (retireGovernanceUnit's reason).
-- AlterTable
ALTER TABLE "community" ADD COLUMN     "retired_reason" TEXT;
-- AlterTable
ALTER TABLE "grid" ADD COLUMN     "retired_reason" TEXT;
-- AlterTable
ALTER TABLE "street" ADD COLUMN     "retired_reason" TEXT;
