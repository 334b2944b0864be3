/* Included by bdwgc, needed for nothing here (NDEBUG, no signals). */
