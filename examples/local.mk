noinst_PROGRAMS += examples/quickstart
examples_quickstart_SOURCES = examples/quickstart.c
# Built exactly as a user builds it: public headers and libcloudvirt only.
examples_quickstart_CPPFLAGS = -I$(top_srcdir)/include
examples_quickstart_CFLAGS = -std=c99 $(WARN_CFLAGS) $(SAN_CFLAGS)
examples_quickstart_LDADD = lib/libcloudvirt.la
