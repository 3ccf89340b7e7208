import Foundation
import Testing
@testable import SwiftJAX

/// The process-group side without an MPI launcher (the multi-process side
/// runs under mpirun in scripts/mpi-test.sh).
@Suite(.serialized) struct DistributedTests {
  @Test func launcherVariablesGiveRankAndSize() {
    #expect(Distributed.launcherRankAndSize([:]) == nil)
    let ompi = Distributed.launcherRankAndSize(["OMPI_COMM_WORLD_RANK": "1", "OMPI_COMM_WORLD_SIZE": "4"])
    #expect(ompi?.rank == 1 && ompi?.size == 4)
    let slurm = Distributed.launcherRankAndSize(["SLURM_PROCID": "2", "SLURM_NTASKS": "3"])
    #expect(slurm?.rank == 2 && slurm?.size == 3)
    let pmi = Distributed.launcherRankAndSize(["PMI_RANK": "0", "PMI_SIZE": "2"])
    #expect(pmi?.rank == 0 && pmi?.size == 2)
    // A rank outside the job is not a launcher's.
    #expect(Distributed.launcherRankAndSize(["PMI_RANK": "5", "PMI_SIZE": "2"]) == nil)
  }

  /// Without a launcher the group has one process and collectives over
  /// its axis are identities (allGather adds an axis of size 1), eagerly
  /// and inside jit.
  @Test func oneProcessGroupWithoutLauncher() throws {
    let g = try Distributed.initialize(axisName: "procs")
    #expect(g.size == 1 && g.rank == 0 && g.backend == "single-process")
    #expect(Distributed.processCount == 1 && Distributed.processIndex == 0)
    let x = Tensor([1, 2, 3] as [Float])
    #expect(Lax.psum(x, axisName: "procs").toArray(Float.self) == [1, 2, 3])
    #expect(Lax.pmean(x, axisName: "procs").toArray(Float.self) == [1, 2, 3])
    #expect(Lax.allGather(x, axisName: "procs").shape == [1, 3])
    #expect(Lax.axisIndex(axisName: "procs").item(Int32.self) == 0)
    let f = jit { (x: Tensor) in Lax.psum(x * x, axisName: "procs") }
    #expect(f(x).toArray(Float.self) == [1, 4, 9])
    Distributed.shutdown()
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Lax.psum(x, axisName: "procs") } }
  }

  /// A library that cannot be loaded is an error naming it and the package
  /// that provides MPI.
  @Test func missingLibraryErrorSaysWhatToInstall() {
    setenv("SWIFTJAX_MPI_LIBRARY", "/nonexistent/libmpi.so.40", 1)
    defer { unsetenv("SWIFTJAX_MPI_LIBRARY") }
    #expect {
      _ = try MPILibrary.load()
    } throws: { e in
      let m = (e as! JAXError).message
      return m.contains("/nonexistent/libmpi.so.40") && m.contains("apt-get install -y openmpi-bin libopenmpi-dev")
    }
  }
}
