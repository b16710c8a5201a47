package io.vruksha.retail.sqlite;

import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.tax.TaxRulesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The tax rules contract on a SQLite file of its own. */
class SqliteTaxRulesTest extends TaxRulesContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected TaxRules newRules() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteTaxRules(db);
  }
}
