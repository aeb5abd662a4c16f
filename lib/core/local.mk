noinst_LTLIBRARIES += lib/core/libcvcore.la
lib_core_libcvcore_la_SOURCES = \
	lib/core/error.c lib/core/error.h \
	lib/core/version.c
lib_core_libcvcore_la_LIBADD = $(GLIB_LIBS) $(XML_LIBS)
