package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.InMemoryStockLedger;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import org.junit.jupiter.api.Test;

/** The engine's builder refuses adapters that would write one checkout in two transactions. */
class OneUnitOfWorkIT {

  @Test
  void aPostgresSalesPortWithAnInMemoryStockLedgerIsRefusedNamingBoth() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine.Builder mixed =
        PostgresAdapters.use(db, RetailEngine.builder()).stockLedger(new InMemoryStockLedger());

    assertThatThrownBy(mixed::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("do not share one unit of work")
        .hasMessageContaining("sales (PostgresSales)")
        .hasMessageContaining("stockLedger (InMemoryStockLedger)");
  }

  @Test
  void postgresAdaptersUnderAnInMemoryUnitOfWorkAreRefused() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine.Builder elsewhere =
        RetailEngine.builder().sales(new PostgresSales(db)).unitOfWork(new InMemoryUnitOfWork());

    assertThatThrownBy(elsewhere::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("InMemoryUnitOfWork")
        .hasMessageContaining("joining another unit of work: [sales (PostgresSales)]");
  }

  @Test
  void theAdaptersOfOneDatabaseAndTheInMemoryDefaultsBothBuild() {
    PostgresDatabase db = TestDatabase.fresh();
    assertThat(EngineHost.unitOfWork(PostgresAdapters.use(db, RetailEngine.builder()).build()))
        .isSameAs(db.unitOfWork());
    assertThat(EngineHost.unitOfWork(RetailEngine.builder().build()))
        .isInstanceOf(InMemoryUnitOfWork.class);
  }
}
