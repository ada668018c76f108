"""Databases full of data, one for every schema revision the app has shipped."""
