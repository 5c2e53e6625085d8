-- The deadline sweep announces a reply deadline coming due once, marking it in the announcing transaction (like *_overdue_at).
-- AlterTable
ALTER TABLE "petition" ADD COLUMN     "procedural_due_soon_at" TIMESTAMPTZ(3),
ADD COLUMN     "result_due_soon_at" TIMESTAMPTZ(3);

