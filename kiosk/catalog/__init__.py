"""The national procedure catalogue: conversion, validated loading and resident search."""

from kiosk.catalog.aliases import AliasFileError, AliasTable
from kiosk.catalog.model import (
    Catalog,
    CatalogError,
    CatalogFormatError,
    CatalogReadError,
    load_catalog_file,
    parse_catalog,
)
from kiosk.catalog.search import CatalogIndex, SearchHit

__all__ = [
    "AliasFileError",
    "AliasTable",
    "Catalog",
    "CatalogError",
    "CatalogFormatError",
    "CatalogIndex",
    "CatalogReadError",
    "SearchHit",
    "load_catalog_file",
    "parse_catalog",
]
