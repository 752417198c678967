// Header-only: the target exists so that Swift can import <malloc.h> (see include/CMalloc.h).
#include "CMalloc.h"
