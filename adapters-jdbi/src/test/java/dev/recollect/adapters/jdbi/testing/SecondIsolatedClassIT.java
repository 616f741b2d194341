package dev.recollect.adapters.jdbi.testing;

class SecondIsolatedClassIT extends DatabaseIsolationCheck {}
