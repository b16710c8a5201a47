package io.vruksha.retail.memory;

import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CatalogContract;

class InMemoryCatalogTest extends CatalogContract {

  @Override
  protected Catalog newCatalog() {
    return new InMemoryCatalog();
  }
}
