noinst_LTLIBRARIES += lib/storage/libcvstorage.la
lib_storage_libcvstorage_la_SOURCES = \
	lib/storage/format.h lib/storage/formats.c \
	lib/storage/image-priv.h lib/storage/image.c lib/storage/convert.c \
	lib/storage/format-raw.c \
	lib/storage/qcow2.h lib/storage/qcow2.c lib/storage/qcow2-write.c
lib_storage_libcvstorage_la_CFLAGS = $(AM_CFLAGS) $(JSON_CFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS)
lib_storage_libcvstorage_la_LIBADD = $(GLIB_LIBS) $(JSON_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS)
lib_libcloudvirt_la_LIBADD += lib/storage/libcvstorage.la $(JSON_LIBS)

check_PROGRAMS += tests/test-qcow2
TESTS += tests/test-qcow2
tests_test_qcow2_SOURCES = tests/test-qcow2.c
tests_test_qcow2_CFLAGS = $(TEST_CFLAGS)
tests_test_qcow2_LDADD = lib/libcloudvirt.la $(TEST_LIBS)
