"""The enginefacade transaction context every glare.db module uses."""

from oslo_db.sqlalchemy import enginefacade

CONTEXT = enginefacade.transaction_context()
CONTEXT.configure(sqlite_fk=True)
