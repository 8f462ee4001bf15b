# atexit: callbacks run after the main module, newest first, even after an uncaught exception.
import atexit


def bye(name, punct='.'):
    print('bye', name + punct)


class Bad:
    def __call__(self):
        raise ValueError('in atexit')

    def __repr__(self):
        return 'Bad()'


print(atexit.register(bye, 'first') is bye)
atexit.register(bye, 'second', punct='!')
atexit.register(Bad())
atexit.register(print, 'removed')
atexit.unregister(print)
print(atexit._ncallbacks())
raise KeyError('main failed')
