noinst_LTLIBRARIES += lib/core/libcvcore.la
lib_core_libcvcore_la_SOURCES = \
	lib/core/error.c lib/core/error.h \
	lib/core/version.c \
	lib/core/uuid.c \
	lib/core/uri.c lib/core/uri.h \
	lib/core/handle.c lib/core/object.h \
	lib/core/check.h lib/core/driver.h \
	lib/core/registry.c \
	lib/core/connect.c \
	lib/core/event.c lib/core/event.h \
	lib/core/api-domain.c \
	lib/core/api-snapshot.c \
	lib/core/api-network.c \
	lib/core/api-storage.c \
	lib/core/api-stream.c lib/core/stream.h
lib_core_libcvcore_la_LIBADD = $(GLIB_LIBS) $(XML_LIBS)
