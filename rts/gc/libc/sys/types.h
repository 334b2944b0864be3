/* Included by bdwgc, needed for nothing here. */
