// A grading thread whose behaviour the test chooses through the answer text, so the pool's time limit,
// aborts and crashes can be driven deterministically: "spin" never returns, "throw" fails, "exit" kills the
// thread; an answer over 2,000 characters spins too (its beginning grades normally); "limits" gets the thread's
// resource limits as its rationale. Anything else gets a fixed result naming the answer's length.
import { parentPort, resourceLimits } from 'node:worker_threads';


parentPort.on('message', ({ id, input }) => {
  const answer = input.answer;
  if (answer === 'exit') process.exit(1);
  if (answer === 'throw') {
    parentPort.postMessage({ id, error: 'the grader threw' });
    return;
  }
  if (answer === 'spin' || answer.length > 2000) for (;;);
  parentPort.postMessage({
    id,
    result: {
      rubric: input.rubric,
      overall: 3,
      dimensions: [
        { key: 'clarity', label: 'Clarity', score: 3, rationale: answer === 'limits' ? JSON.stringify(resourceLimits) : `graded ${answer.length} characters` },
      ],
      strengths: [],
      improvements: [],
      missingPoints: [],
      grader: { kind: 'offline', rubricVersion: 'test', promptVersion: 'test' },
    },
  });
});
parentPort.postMessage({ ready: true });
