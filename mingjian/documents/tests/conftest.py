from mingjian.documents.tests.fixtures import libreoffice

__all__ = ["libreoffice"]
