"""The tables of the explorer's SQLite database (SQLAlchemy Core).

Flat columns for what one filters or sorts on; `*_json` columns hold the library's nested result
unchanged where a page needs it, so the site serves exactly what the library computed.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, Table, Text

SCHEMA_VERSION = 2  # 2: Kazakh columns (label_kk, text_kk, title_kk), definitions in ru and kk
metadata = MetaData()


def _json(name: str) -> Column[str]:
    return Column(name, Text, nullable=False)


meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_kk", Text),
    Column("act_en", Text, nullable=False),
    Column("act_ru", Text, nullable=False),
    Column("adopted", Text, nullable=False),
    Column("in_force", Text, nullable=False),
    Column("until", Text),
    Column("basis", Text, nullable=False),
    Column("sole", Integer, nullable=False),
    Column("shared", Integer, nullable=False),
    Column("absent", Integer, nullable=False),
    _json("row_json"),
    _json("powers_json"),
)

domains = Table(
    "domains",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_kk", Text),
)

codebook = Table(
    "codebook",
    metadata,
    Column("item", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("domain", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("key", Boolean, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_kk", Text),
    Column("definition", Text, nullable=False),
    Column("definition_ru", Text),
    Column("definition_kk", Text),
    _json("row_json"),
    _json("history_json"),
)

codings = Table(
    "codings",
    metadata,
    Column("version", Text, primary_key=True),
    Column("item", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("with_bodies", Text, nullable=False),
    Column("paraphrase", Text, nullable=False),
    Column("confidence", Text, nullable=False),
    Column("note", Text, nullable=False),
    _json("attrs_json"),
    _json("sources_json"),
)

citations = Table(
    "citations",
    metadata,
    Column("version", Text, primary_key=True),
    Column("item", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("cite", Text, nullable=False),
    Column("doc", Text),
    Column("article", Text, nullable=False),
    Column("paragraph", Text),
    Column("subparagraph", Text),
)

measures = Table(
    "measures",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_kk", Text),
    Column("method", Text, nullable=False),
    Column("higher_means", Text, nullable=False),
    _json("def_json"),
)

measure_values = Table(
    "measure_values",
    metadata,
    Column("measure", Text, primary_key=True),
    Column("version", Text, primary_key=True),
    Column("total", Float, nullable=False),
    Column("max", Float, nullable=False),
    Column("uncertain", Boolean, nullable=False),
    _json("by_domain_json"),
    _json("subscales_json"),
    _json("low_confidence_json"),
)

measure_components = Table(
    "measure_components",
    metadata,
    Column("measure", Text, primary_key=True),
    Column("version", Text, primary_key=True),
    Column("component", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("domain", Text),
    Column("score", Float, nullable=False),
    Column("max", Float, nullable=False),
    Column("says", Text, nullable=False),
    _json("evidence_json"),
)

compare_steps = Table(
    "compare_steps",
    metadata,
    Column("from_version", Text, primary_key=True),
    Column("to_version", Text, primary_key=True),
    Column("is_step", Boolean, nullable=False),
    Column("n_changes", Integer, nullable=False),
    _json("result_json"),
)

step_measures = Table(
    "step_measures",
    metadata,
    Column("from_version", Text, primary_key=True),
    Column("to_version", Text, primary_key=True),
    Column("measure", Text, primary_key=True),
    Column("value_from", Float, nullable=False),
    Column("value_to", Float, nullable=False),
    Column("delta", Float, nullable=False),
    Column("classification", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("grp", Text, nullable=False),
    Column("verdict", Text, nullable=False),
    Column("uncertain", Boolean, nullable=False),
    Column("text_en", Text, nullable=False),
    Column("text_ru", Text, nullable=False),
    Column("text_kk", Text),
    Column("check_expr", Text, nullable=False),
    _json("row_json"),
)

akim_tiers = Table(
    "akim_tiers",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("label_ru", Text, nullable=False),
    Column("label_kk", Text),
    _json("tier_json"),
)

akim_rules = Table(
    "akim_rules",
    metadata,
    Column("tier", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("date_from", Text, nullable=False),
    Column("date_to", Text, nullable=False),
    Column("method", Text, nullable=False),
    _json("rule_json"),
)

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("date", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("tiers", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("title_ru", Text, nullable=False),
    Column("title_kk", Text),
    Column("confidence", Text, nullable=False),
    _json("event_json"),
)

decentralization = Table(
    "decentralization",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("national", Float),
    Column("national_equal", Float),
    _json("year_json"),
)

# whole library results (timeline, claims, methods...) and chart specs, by name
blobs = Table(
    "blobs",
    metadata,
    Column("name", Text, primary_key=True),
    _json("json"),
)
