package dev.recollect.adapters.jdbi.testing;

class FirstIsolatedClassIT extends DatabaseIsolationCheck {}
