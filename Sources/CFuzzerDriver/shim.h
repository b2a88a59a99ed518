// libFuzzer's entry for programs with their own main (compiler-rt's FuzzerInterface.h). It is
// linked only with `-sanitize=fuzzer` (`make fuzz`); interact-fuzz calls it only when built so.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const unsigned char *data, unsigned long size));
