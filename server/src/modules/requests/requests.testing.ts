// Test helpers of the requests and routing tests.
import type { TestApp } from '../../../test/app.js';

/**
 * Until the returned function is called, every transaction that leaves an assignment DECLINED or
 * CLOSED while its relay thread is still open fails at its commit (a deferred constraint trigger).
 * Closing the thread after the commit — where a crash leaves the open thread behind — is caught.
 */
export async function requireThreadClosedWithAssignment(app: TestApp): Promise<() => Promise<void>> {
  const pool = app.api.platform.database.pool;
  await pool.query(`
    CREATE OR REPLACE FUNCTION test_thread_closed_with_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IN ('DECLINED', 'CLOSED')
         AND EXISTS (SELECT 1 FROM relay_threads t WHERE t.assignment_id = NEW.id AND t.status <> 'CLOSED') THEN
        RAISE EXCEPTION 'assignment % committed % with its thread open', NEW.id, NEW.status;
      END IF;
      RETURN NULL;
    END $$`);
  await pool.query(`
    CREATE CONSTRAINT TRIGGER test_thread_closed_with_assignment AFTER UPDATE ON request_assignments
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_thread_closed_with_assignment()`);
  return async () => {
    await pool.query('DROP TRIGGER IF EXISTS test_thread_closed_with_assignment ON request_assignments');
  };
}
