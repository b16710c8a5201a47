package io.vruksha.retail.postgres;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.invoicing.JournalContract;

class PostgresJournalIT extends JournalContract {

  @Override
  protected Journal newJournal() {
    return new PostgresJournal(TestDatabase.fresh());
  }

  @Override
  protected InvoiceSequence newSequence() {
    return new PostgresInvoiceSequence(TestDatabase.fresh());
  }
}
