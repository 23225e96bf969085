-- The ledger's rules are enforced by the database itself, not only by application code:
-- every journal entry balances per currency and has at least two lines, checked at commit
-- (deferred) so an entry can be written line by line inside one transaction.
CREATE FUNCTION journal_entry_must_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  checked_entry uuid;
  line_count integer;
  off_currency text;
  off_by bigint;
BEGIN
  IF TG_TABLE_NAME = 'journal_entries' THEN
    checked_entry := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    checked_entry := OLD.entry_id;
  ELSE
    checked_entry := NEW.entry_id;
  END IF;

  SELECT count(*) INTO line_count FROM journal_lines WHERE entry_id = checked_entry;
  IF line_count < 2 THEN
    RAISE EXCEPTION 'journal entry % has % line(s); an entry needs at least two', checked_entry, line_count
      USING ERRCODE = 'check_violation';
  END IF;

  SELECT currency, sum(amount_minor) INTO off_currency, off_by
    FROM journal_lines WHERE entry_id = checked_entry
    GROUP BY currency HAVING sum(amount_minor) <> 0
    LIMIT 1;
  IF off_currency IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance: % lines sum to % minor units, not 0', checked_entry, off_currency, off_by
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balance
  AFTER INSERT OR UPDATE OR DELETE ON journal_lines
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_have_lines
  AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();
--> statement-breakpoint
-- Posted entries are history: corrections are new, reversing entries, never edits.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed; post a reversing entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
--> statement-breakpoint
-- The default chart of accounts. Codes match billing/ledger.ts.
INSERT INTO accounts (code, name, type) VALUES
  ('1000', 'Cash and bank', 'asset'),
  ('1100', 'Accounts receivable', 'asset'),
  ('2100', 'Customer credit', 'liability'),
  ('2200', 'Tax payable', 'liability'),
  ('4000', 'Revenue: plans', 'income'),
  ('4100', 'Revenue: usage', 'income'),
  ('4200', 'Revenue: maintenance', 'income'),
  ('4300', 'Revenue: spare parts', 'income'),
  ('4900', 'Penalty income', 'income');
