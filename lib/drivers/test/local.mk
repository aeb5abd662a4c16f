noinst_LTLIBRARIES += lib/drivers/test/libcvdrvtest.la
lib_drivers_test_libcvdrvtest_la_SOURCES = \
	lib/drivers/test/test-priv.h \
	lib/drivers/test/test-driver.c \
	lib/drivers/test/test-host.c \
	lib/drivers/test/test-domain.c \
	lib/drivers/test/test-domain-config.c \
	lib/drivers/test/test-snapshot.c \
	lib/drivers/test/test-network.c \
	lib/drivers/test/test-storage.c \
	lib/drivers/test/test-stream.c lib/drivers/test/test-stream.h
lib_drivers_test_libcvdrvtest_la_LIBADD = $(GLIB_LIBS) $(XML_LIBS)
lib_libcloudvirt_la_LIBADD += lib/drivers/test/libcvdrvtest.la
