/* Included by bdwgc's PLATFORM_GETMEM configuration, needed for nothing: no threads. */
