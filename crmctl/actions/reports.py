"""Reports a department hands in: loaded from the store, counted by the rules in `rules/`."""
from __future__ import annotations

from ..rules.customer_base import customer_base
from ..store.kinds import KINDS
from ..store.schemas import field_schemas
from .customers import list_customers
from .session import Session


def customer_base_report(session: Session, **filters) -> list[dict]:
    """The customer base (those `customer list` shows with these filters) by grade, status, owner, region."""
    config = session.config
    orders = {"grade": list(config.grades), "owner": list(config.team),
              "status": field_schemas(KINDS["customer"].schema)["status"]["enum"]}
    return customer_base(list_customers(session, **filters), orders)
