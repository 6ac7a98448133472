using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>
    /// Carries work from background tasks onto the pipeline thread, where cmdlet Write* methods must run.
    /// Bounded, so a fast producer waits for a slow pipeline instead of buffering every ticket.
    /// </summary>
    internal sealed class LzPipelineBridge : IDisposable
    {
        private const int Capacity = 256;
        private static readonly Action WakeUp = () => { };
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>(new ConcurrentQueue<Action>(), Capacity);

        /// <summary>Queues an action from any thread; waits while the queue is full.</summary>
        public void Post(Action action, CancellationToken cancellationToken) => _queue.Add(action, cancellationToken);

        /// <summary>Runs queued actions on the calling (pipeline) thread until <paramref name="task"/> has finished and the queue is drained.</summary>
        public void PumpUntil(Task task, CancellationToken cancellationToken)
        {
            // A finished task must wake a pump that is blocked on an empty queue; a full queue wakes it anyway.
            task.ContinueWith(_ => _queue.TryAdd(WakeUp), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (true)
            {
                Action next;
                if (task.IsCompleted)
                {
                    while (_queue.TryTake(out next)) next();
                    return;
                }
                if (_queue.TryTake(out next, Timeout.Infinite, cancellationToken)) next();
            }
        }

        /// <summary>Runs whatever is queued now, without waiting.</summary>
        public void Drain()
        {
            while (_queue.TryTake(out Action next)) next();
        }

        public void Dispose() => _queue.Dispose();
    }
}
