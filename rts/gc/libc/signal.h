/* Included by bdwgc, needed for nothing here (no signals). */
